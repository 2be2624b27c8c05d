package io.pushrelay.registry;

import io.pushrelay.request.SendRequest;
import io.pushrelay.message.RejectedRequest;

/** Turns a request's users, endpoint IDs, group or addresses into concrete targets, from the registry. */
public interface TargetDirectory {

    Resolution resolve(SendRequest request) throws RejectedRequest;
}
