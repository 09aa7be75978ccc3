package dev.doorstep.notifications.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplatesUnitTests {

    private final MessageTemplates templates = new MessageTemplates();
    private final Map<String, String> args = Map.of("trackingId", "TRK1234", "link", "https://doorstep.dev/t/abc",
            "windowFrom", "14:00", "windowTo", "16:00", "stopsAway", "3", "time", "15:12", "place", "at the front door",
            "reason", "nobody home", "next", "We will try again tomorrow.");

    @Test
    void customerTemplatesReadInEnglishAndSpanish() {
        assertThat(templates.render("package.OUT_FOR_DELIVERY", "en", args)).isEqualTo(new MessageTemplates.Text(
                "Your package is out for delivery",
                "Package TRK1234 arrives today between 14:00 and 16:00."));
        assertThat(templates.render("package.OUT_FOR_DELIVERY", "es", args)).isEqualTo(new MessageTemplates.Text(
                "Tu paquete está en reparto",
                "El paquete TRK1234 llega hoy entre las 14:00 y las 16:00."));
        assertThat(templates.render("package.ARRIVING", "en", args).title()).isEqualTo("Your package is 3 stops away");
        assertThat(templates.render("package.ARRIVING", "es", args).title()).isEqualTo("Tu paquete está a 3 paradas");
        assertThat(templates.render("package.DELIVERED", "en", args).body())
                .isEqualTo("Package TRK1234 was delivered at the front door at 15:12.");
        Map<String, String> spanish = new java.util.HashMap<>(args);
        spanish.put("place", templates.phrase("place.FRONT_DOOR", "es"));
        assertThat(templates.render("package.DELIVERED", "es", spanish).body())
                .isEqualTo("El paquete TRK1234 se entregó en la puerta principal a las 15:12.");
        assertThat(templates.render("package.ATTEMPTED", "en", args).body())
                .isEqualTo("Package TRK1234 was not delivered at 15:12: nobody home. We will try again tomorrow.");
        assertThat(templates.render("package.ATTEMPTED", "es", args).title()).isEqualTo("No pudimos entregar tu paquete");
        assertThat(templates.render("package.RETURNED_TO_SENDER", "en", args).title())
                .isEqualTo("Your package is going back to the sender");
        assertThat(templates.render("package.RETURNED_TO_SENDER", "es", args).body())
                .isEqualTo("El paquete TRK1234 se está devolviendo al remitente.");
    }

    @Test
    void aRegionalLocaleReadsItsLanguageAndAnUnknownOneReadsEnglish() {
        assertThat(MessageTemplates.language("es-MX")).isEqualTo("es");
        assertThat(MessageTemplates.language("fr")).isEqualTo("en");
        assertThat(MessageTemplates.language(null)).isEqualTo("en");
        assertThat(templates.render("block.cancelled", "es-MX", Map.of()).title()).isEqualTo("Bloque cancelado");
        assertThat(templates.render("block.cancelled", "de", Map.of()).title()).isEqualTo("Block cancelled");
    }

    @Test
    void aMissingArgumentLeavesNoPlaceholderBehind() {
        assertThat(templates.render("block.offered", "en", Map.of()).title()).isEqualTo("New block at ");
        assertThat(templates.render("block.offered", "en", Map.of()).body()).doesNotContain("{");
    }

    @Test
    void timesAreTheStationsLocalTime() {
        Instant at = Instant.parse("2026-11-26T22:30:00Z");
        assertThat(templates.stationDateTime(at, "America/Los_Angeles", "en")).isEqualTo("Thu 26 Nov, 14:30");
        assertThat(templates.stationDateTime(at, "Europe/Madrid", "es")).isEqualTo("jue 26 nov, 23:30");
        assertThat(templates.stationTime(at, "America/Los_Angeles")).isEqualTo("14:30");
    }

    @Test
    void anUnknownTemplateIsAnError() {
        assertThatThrownBy(() -> templates.render("block.exploded", "en", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
