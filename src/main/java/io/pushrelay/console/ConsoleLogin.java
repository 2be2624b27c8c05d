package io.pushrelay.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushrelay.message.Json;
import io.pushrelay.message.RejectedRequest;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * Who may use the console: one operator account ({@code pushrelay.console.user} / {@code .password}). A login with
 * the right name and password gets a session: a random token in an HttpOnly, SameSite=Strict cookie, good for
 * {@link #SESSION} (kept in memory: a restart logs everyone out). Without a password the console lets nobody in.
 */
public final class ConsoleLogin {

    public static final String COOKIE = "pushrelay-console";
    static final Duration SESSION = Duration.ofHours(12);

    /** Not logged in, or the session ended: answered 401. */
    public static final class NotLoggedIn extends Exception {
        public NotLoggedIn(String message) {
            super(message);
        }
    }

    private final String user;
    private final byte[] password;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

    /** {@code password} empty: nobody can log in. */
    public ConsoleLogin(String user, String password, Clock clock) {
        this.user = user;
        this.password = password.isEmpty() ? null : password.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A random password for the embedded default, when none is set. */
    static String generatedPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Checks {@code {"User", "Password"}}; the Set-Cookie header of the new session. */
    public String login(@Body String body) throws NotLoggedIn, RejectedRequest {
        if (password == null) {
            throw new NotLoggedIn("The console is off: set pushrelay.console.password");
        }
        JsonNode form;
        try {
            form = Json.tree(body == null || body.isBlank() ? "{}" : body);
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest("InvalidJson", "A login is {\"User\", \"Password\"} as JSON");
        }
        boolean userMatches = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                form.path("User").asText("").getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(password, form.path("Password").asText("").getBytes(StandardCharsets.UTF_8));
        if (!userMatches || !passwordMatches) {
            throw new NotLoggedIn("Wrong user or password");
        }
        byte[] token = new byte[32];
        random.nextBytes(token);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        Instant now = clock.instant();
        sessions.values().removeIf(until -> until.isBefore(now));
        sessions.put(session, now.plus(SESSION));
        return COOKIE + "=" + session + "; Path=/console; Max-Age=" + SESSION.toSeconds() + "; HttpOnly; SameSite=Strict";
    }

    /** The route step before every console operation: the request's cookie names a live session. */
    public void check(@Header("Cookie") String cookies) throws NotLoggedIn {
        String session = session(cookies);
        Instant until = session == null ? null : sessions.get(session);
        if (until == null || until.isBefore(clock.instant())) {
            throw new NotLoggedIn("Log in first");
        }
    }

    /** Ends the request's session; the Set-Cookie header that clears the cookie. */
    public String logout(@Header("Cookie") String cookies) {
        String session = session(cookies);
        if (session != null) {
            sessions.remove(session);
        }
        return COOKIE + "=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict";
    }

    private static String session(String cookies) {
        if (cookies == null) {
            return null;
        }
        for (String cookie : cookies.split(";")) {
            String c = cookie.trim();
            if (c.startsWith(COOKIE + "=")) {
                return c.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
