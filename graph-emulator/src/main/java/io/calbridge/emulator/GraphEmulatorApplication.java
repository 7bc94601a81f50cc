package io.calbridge.emulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A local stand-in for Microsoft Entra ID's token endpoint and the Microsoft Graph v1.0 endpoints Calbridge uses. */
@SpringBootApplication
public class GraphEmulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(GraphEmulatorApplication.class, args);
    }
}
