package io.pushrelay.console;

import io.pushrelay.support.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.pushrelay.message.RejectedRequest;
import org.junit.jupiter.api.Test;

/** Who gets in: the one account, a session cookie that is checked and ends, and nobody without a password. */
class ConsoleLoginTest {

    private final MovableClock clock = new MovableClock("2026-12-07T10:00:00Z");
    private final ConsoleLogin login = new ConsoleLogin("ops", "s3cret", clock);

    @Test
    void theRightUserAndPasswordGetASessionCookieThatLetsThemIn() throws Exception {
        String setCookie = login.login("{\"User\":\"ops\",\"Password\":\"s3cret\"}");
        assertThat(setCookie).startsWith(ConsoleLogin.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/console");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        login.check("theme=dark; " + cookie);
        assertThatThrownBy(() -> login.check(ConsoleLogin.COOKIE + "=forged")).isInstanceOf(ConsoleLogin.NotLoggedIn.class);
        assertThatThrownBy(() -> login.check(null)).isInstanceOf(ConsoleLogin.NotLoggedIn.class);
    }

    @Test
    void aWrongUserOrPasswordIsRefused() {
        assertThatThrownBy(() -> login.login("{\"User\":\"ops\",\"Password\":\"s3cre\"}")).isInstanceOf(ConsoleLogin.NotLoggedIn.class);
        assertThatThrownBy(() -> login.login("{\"User\":\"admin\",\"Password\":\"s3cret\"}")).isInstanceOf(ConsoleLogin.NotLoggedIn.class);
        assertThatThrownBy(() -> login.login("user=ops")).isInstanceOf(RejectedRequest.class);
    }

    @Test
    void aSessionEndsAfterItsTimeOrAtLogout() throws Exception {
        String first = cookie(login.login("{\"User\":\"ops\",\"Password\":\"s3cret\"}"));
        String second = cookie(login.login("{\"User\":\"ops\",\"Password\":\"s3cret\"}"));
        assertThat(login.logout(second)).contains("Max-Age=0");
        assertThatThrownBy(() -> login.check(second)).isInstanceOf(ConsoleLogin.NotLoggedIn.class);
        login.check(first);
        clock.now = clock.now.plus(ConsoleLogin.SESSION).plusSeconds(1);
        assertThatThrownBy(() -> login.check(first)).isInstanceOf(ConsoleLogin.NotLoggedIn.class);
    }

    @Test
    void withoutAPasswordNobodyGetsIn() {
        ConsoleLogin off = new ConsoleLogin("admin", "", clock);
        assertThatThrownBy(() -> off.login("{\"User\":\"admin\",\"Password\":\"\"}"))
                .isInstanceOf(ConsoleLogin.NotLoggedIn.class).hasMessageContaining("pushrelay.console.password");
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        assertThat(ConsoleLogin.generatedPassword()).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo(ConsoleLogin.generatedPassword());
    }

    private static String cookie(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
