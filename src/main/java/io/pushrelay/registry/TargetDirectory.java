package io.pushrelay.registry;

import io.pushrelay.intake.RejectedRequest;
import io.pushrelay.intake.SendRequest;

/** Turns a request's users, endpoint IDs, group or addresses into concrete targets, from the registry. */
public interface TargetDirectory {

    Resolution resolve(SendRequest request) throws RejectedRequest;
}
