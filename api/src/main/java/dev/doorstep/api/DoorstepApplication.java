package dev.doorstep.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Doorstep: the last-mile delivery backend. */
@SpringBootApplication(scanBasePackages = "dev.doorstep")
@ConfigurationPropertiesScan("dev.doorstep")
public class DoorstepApplication {

    public static void main(String[] args) {
        SpringApplication.run(DoorstepApplication.class, args);
    }
}
