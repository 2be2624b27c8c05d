package io.pushrelay.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a configuration value must look like. Each rule returns null when the value is fine, else the problem. */
public enum SettingRule {
    BOOLEAN {
        @Override
        public String check(String value) {
            return value.equals("true") || value.equals("false") ? null : "expected true or false";
        }
    },
    PORT {
        @Override
        public String check(String value) {
            Integer port = parseInt(value);
            return port != null && port >= 0 && port <= 65535 ? null : "expected a port number from 0 to 65535";
        }
    },
    POSITIVE_INT {
        @Override
        public String check(String value) {
            Integer n = parseInt(value);
            return n != null && n > 0 ? null : "expected a whole number greater than 0";
        }
    },
    NON_NEGATIVE_INT {
        @Override
        public String check(String value) {
            Integer n = parseInt(value);
            return n != null && n >= 0 ? null : "expected a whole number, 0 or more";
        }
    },
    OPTIONAL_POSITIVE_INT {
        @Override
        public String check(String value) {
            return value.isEmpty() ? null : POSITIVE_INT.check(value);
        }
    },
    DURATION {
        @Override
        public String check(String value) {
            return DURATION_PATTERN.matcher(value).matches() ? null : "expected a duration such as 500ms, 1s, 10m or 1h";
        }
    },
    OPTIONAL_DURATION {
        @Override
        public String check(String value) {
            return value.isEmpty() ? null : DURATION.check(value);
        }
    },
    HTTP_URL {
        @Override
        public String check(String value) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                boolean ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
                return ok ? null : "expected an http:// or https:// URL";
            } catch (Exception e) {
                return "expected an http:// or https:// URL";
            }
        }
    },
    OPTIONAL_HTTP_URL {
        @Override
        public String check(String value) {
            return value.isEmpty() ? null : HTTP_URL.check(value);
        }
    },
    BROKER_URL {
        @Override
        public String check(String value) {
            return value.matches("^\\(?(tcp|vm|ssl)://.+") ? null : "expected a broker URL such as tcp://127.0.0.1:61616";
        }
    },
    JDBC_URL {
        @Override
        public String check(String value) {
            return value.startsWith("jdbc:h2:") || value.startsWith("jdbc:postgresql:")
                    ? null : "expected a jdbc:h2:… or jdbc:postgresql:… URL";
        }
    },
    QUEUE_NAME {
        @Override
        public String check(String value) {
            return value.matches("[A-Za-z0-9._-]+") ? null : "expected a queue name of letters, digits, '.', '_' or '-'";
        }
    },
    GRANT_TYPE {
        @Override
        public String check(String value) {
            return List.of("refresh_token", "client_credentials").contains(value)
                    ? null : "expected refresh_token or client_credentials";
        }
    },
    BROKER_PROTOCOLS {
        @Override
        public String check(String value) {
            List<String> known = List.of("CORE", "AMQP", "OPENWIRE", "STOMP", "MQTT");
            List<String> given = List.of(value.split(","));
            boolean ok = given.contains("CORE") && given.stream().allMatch(known::contains);
            return ok ? null : "expected a comma-separated list of " + String.join(", ", known) + " that includes CORE";
        }
    },
    MISFIRE {
        @Override
        public String check(String value) {
            return List.of("fire-once-now", "skip").contains(value) ? null : "expected fire-once-now or skip";
        }
    },
    IN_FLIGHT_AT_CRASH {
        @Override
        public String check(String value) {
            return List.of("resend", "dead-letter").contains(value) ? null : "expected resend or dead-letter";
        }
    },
    LOCALE {
        @Override
        public String check(String value) {
            return value.matches("[a-z]{2}-[A-Z]{2}") ? null : "expected a locale such as en-US";
        }
    },
    TEXT {
        @Override
        public String check(String value) {
            return null;
        }
    },
    /** Like TEXT, but never printed. */
    SECRET {
        @Override
        public String check(String value) {
            return null;
        }
    };

    static final Pattern DURATION_PATTERN = Pattern.compile("(\\d+)(ms|s|m|h)");

    public abstract String check(String value);

    private static Integer parseInt(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
