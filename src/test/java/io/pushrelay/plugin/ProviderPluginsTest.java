package io.pushrelay.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushrelay.message.ChannelType;
import io.pushrelay.message.Json;
import org.junit.jupiter.api.Test;

class ProviderPluginsTest {

    @Test
    void thePluginsAreFoundInTheOrderOfTheirServiceFile() {
        assertThat(ProviderPlugins.all()).extracting(ProviderPlugin::name).containsExactly("adm", "fcm", "alexa");
        assertThat(ChannelType.served()).containsExactly(ChannelType.ADM, ChannelType.GCM, ChannelType.ALEXA);
        assertThat(ChannelType.listed()).isEqualTo("ADM, GCM or ALEXA");
        assertThat(ProviderPlugins.of(ChannelType.GCM).messageBlock()).isEqualTo("GCMMessage");
    }

    @Test
    void aChannelIsParsedOnlyWhenAPluginServesIt() {
        assertThat(ChannelType.parse("gcm")).isEqualTo(ChannelType.GCM);
        assertThat(ChannelType.parse("gcm").provider()).isEqualTo("fcm");
        assertThat(ChannelType.parse("APNS")).isNull();
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
                        "classpath:routes/deliver-fcm.camel.yaml", "classpath:routes/deliver-alexa.camel.yaml");
        assertThat(ProviderPlugins.rule(ChannelType.ADM).valid("amzn1.adm-registration.v3.abcdefgh123")).isTrue();
        assertThat(ProviderPlugins.rule(ChannelType.ALEXA).valid("amzn1.adm-registration.v3.abcdefgh123")).isFalse();
    }
}
