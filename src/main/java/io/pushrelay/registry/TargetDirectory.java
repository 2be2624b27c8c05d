package io.pushrelay.registry;

import io.pushrelay.message.RejectedRequest;
import io.pushrelay.request.SendRequest;

/** Turns a request's users, endpoint IDs, group or addresses into concrete targets, from the registry. */
public interface TargetDirectory {

    Resolution resolve(SendRequest request) throws RejectedRequest;
}
