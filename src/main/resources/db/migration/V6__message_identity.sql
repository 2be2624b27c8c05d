-- A request's sender need not give it a message id or a correlation id (STOMP, AMQP without message-id, a core
-- producer with message ids disabled). push_request.jms_message_id keeps the request's delivery key from now on:
-- its sender's own message id, else the broker's id of the message, which redeliveries keep.
ALTER TABLE push_reply ALTER COLUMN correlation_id DROP NOT NULL;
