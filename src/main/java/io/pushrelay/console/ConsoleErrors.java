package io.pushrelay.console;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pushrelay.message.Json;
import io.pushrelay.message.RejectedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console routes' configuration: a request that fails is answered with a status code and
 * {@code {"Reason", "ReasonText"}}, the shape the queues answer with (401 not logged in, 400 a rejected operation,
 * 504 no answer in time, 500 anything else, logged).
 */
public class ConsoleErrors extends RouteConfigurationBuilder {

    public static final String CONSOLE = "console";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrors.class);

    @Override
    public void configuration() {
        routeConfiguration(CONSOLE)
                .onException(Exception.class)
                    .handled(true)
                    .process(ConsoleErrors::answer)
                .end();
    }

    /** The answer replaces the request's headers: none of them goes back to the browser. */
    static void answer(Exchange exchange) {
        Throwable fault = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ConsoleLogin.NotLoggedIn login = ObjectHelper.getException(ConsoleLogin.NotLoggedIn.class, fault);
        RejectedRequest rejected = ObjectHelper.getException(RejectedRequest.class, fault);
        int status;
        String reason;
        String text;
        if (login != null) {
            status = 401;
            reason = "NotLoggedIn";
            text = login.getMessage();
        } else if (rejected != null) {
            status = 400;
            reason = rejected.reason();
            text = rejected.getMessage();
        } else if (ObjectHelper.getException(ExchangeTimedOutException.class, fault) != null) {
            status = 504;
            reason = "NoAnswer";
            text = "The gateway's operation did not answer in time; it may still finish";
        } else {
            status = 500;
            reason = "ConsoleFailed";
            text = String.valueOf(fault == null ? null : fault.getMessage());
            LOG.warn("A console request failed: {}", text, fault);
        }
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("Reason", reason);
        answer.put("ReasonText", text);
        exchange.getMessage().getHeaders().clear();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(Json.write(answer));
    }
}
