package dev.doorstep.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Doorstep: the last-mile delivery backend. */
@SpringBootApplication(scanBasePackages = "dev.doorstep")
@ConfigurationPropertiesScan("dev.doorstep")
public class DoorstepApplication {

    public static void main(String[] args) {
        SpringApplication.run(DoorstepApplication.class, withDemoAliases(args));
    }

    /** {@code --demo} and {@code --demo.speed=10} are short for {@code --doorstep.demo.enabled=true} and so on. */
    public static String[] withDemoAliases(String[] args) {
        return java.util.Arrays.stream(args)
                .map(arg -> arg.equals("--demo") ? "--doorstep.demo.enabled=true"
                        : arg.startsWith("--demo.") ? "--doorstep." + arg.substring(2) : arg)
                .toArray(String[]::new);
    }
}
