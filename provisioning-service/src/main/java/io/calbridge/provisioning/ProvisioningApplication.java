package io.calbridge.provisioning;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Tenants, service accounts, connection tests and automatic enrollment of mailboxes into the service account's scope. */
@SpringBootApplication
public class ProvisioningApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProvisioningApplication.class, args);
    }
}
