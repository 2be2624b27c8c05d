package io.pushrelay.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import org.junit.jupiter.api.Test;

class ProviderPluginsTest {

    @Test
    void thePluginsAreFoundInTheOrderOfTheirServiceFile() {
        assertThat(ProviderPlugins.all()).extracting(ProviderPlugin::name).containsExactly("adm", "fcm", "alexa", "apns");
        assertThat(ChannelType.served()).containsExactly(ChannelType.ADM, ChannelType.GCM, ChannelType.ALEXA,
                ChannelType.of("APNS", "apns"), ChannelType.of("APNS_SANDBOX", "apns"), ChannelType.of("APNS_VOIP", "apns"),
                ChannelType.of("APNS_VOIP_SANDBOX", "apns"));
        assertThat(ChannelType.listed()).isEqualTo("ADM, GCM, ALEXA, APNS, APNS_SANDBOX, APNS_VOIP or APNS_VOIP_SANDBOX");
        assertThat(ProviderPlugins.of(ChannelType.GCM).messageBlock()).isEqualTo("GCMMessage");
    }

    @Test
    void aChannelIsParsedOnlyWhenAPluginServesIt() {
        assertThat(ChannelType.parse("gcm")).isEqualTo(ChannelType.GCM);
        assertThat(ChannelType.parse("gcm").provider()).isEqualTo("fcm");
        assertThat(ChannelType.parse("apns_voip").provider()).isEqualTo("apns");
        assertThat(ChannelType.parse("SMS")).isNull();
        assertThat(ChannelType.parse(null)).isNull();
        assertThat(ChannelType.of("APNS", "apns")).isNotEqualTo(ChannelType.ADM).isEqualTo(ChannelType.of("apns", "apns"));
    }

    @Test
    void aChannelIsWrittenAndReadAsItsName() {
        assertThat(Json.write(ChannelType.ALEXA)).isEqualTo("\"ALEXA\"");
        assertThat(Json.MAPPER.convertValue("ADM", ChannelType.class)).isEqualTo(ChannelType.ADM);
    }

    @Test
    void eachPluginAddsItsRouteFileAndItsAddressRule() {
        assertThat(ProviderPlugins.routesIncludePattern("classpath:routes/intake.camel.yaml").split(","))
                .containsExactly("classpath:routes/intake.camel.yaml", "classpath:routes/deliver-adm.camel.yaml",
                        "classpath:routes/deliver-fcm.camel.yaml", "classpath:routes/deliver-alexa.camel.yaml",
                        "classpath:routes/deliver-apns.camel.yaml");
        assertThat(ProviderPlugins.rule(ChannelType.ADM).valid("amzn1.adm-registration.v3.abcdefgh123")).isTrue();
        assertThat(ProviderPlugins.rule(ChannelType.ALEXA).valid("amzn1.adm-registration.v3.abcdefgh123")).isFalse();
        assertThat(ProviderPlugins.rule(ChannelType.parse("APNS_VOIP")).valid("0f".repeat(32))).isTrue();
        assertThat(ProviderPlugins.rule(ChannelType.parse("APNS")).valid("not-a-token")).isFalse();
    }
}
