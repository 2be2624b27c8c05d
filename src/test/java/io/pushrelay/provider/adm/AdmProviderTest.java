package io.pushrelay.provider.adm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;

class AdmProviderTest {

    final AdmProvider adm = new AdmProvider("http://adm.test", Clock.systemUTC());

    @Test
    void theRegistrationIdIsOnePercentEncodedPathSegment() {
        assertThat(adm.sendUrl("amzn1.adm-registration.v3.abc_-~.x"))
                .isEqualTo("http://adm.test/messaging/registrations/amzn1.adm-registration.v3.abc_-~.x/messages");
        // a space is %20 in a path (never the form encoding's +); base64's + / = reach ADM as given
        assertThat(adm.sendUrl("amzn1.adm-registration.v3.a b+c/d=")).isEqualTo(
                "http://adm.test/messaging/registrations/amzn1.adm-registration.v3.a%20b%2Bc%2Fd%3D/messages");
        assertThat(adm.sendUrl("amzn1.adm-registration.v3.é%")).isEqualTo(
                "http://adm.test/messaging/registrations/amzn1.adm-registration.v3.%C3%A9%25/messages");
    }
}
