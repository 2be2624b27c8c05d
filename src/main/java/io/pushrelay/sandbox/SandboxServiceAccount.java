package io.pushrelay.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Google service account made up for the sandbox: a fresh RSA key pair and the JSON key file Google would hand
 * out for it, whose {@code token_uri} points at the sandbox's token endpoint.
 */
record SandboxServiceAccount(String projectId, String clientEmail, String privateKeyId, KeyPair keys, Path file) {

    static SandboxServiceAccount create(String projectId, String tokenUri, Path file) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String email = "pushrelay-sandbox@" + projectId + ".iam.gserviceaccount.com";
        String keyId = UUID.randomUUID().toString().replace("-", "");
        SandboxServiceAccount account = new SandboxServiceAccount(projectId, email, keyId, keys, file);
        account.write(tokenUri);
        return account;
    }

    PublicKey publicKey() {
        return keys.getPublic();
    }

    private void write(String tokenUri) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        ObjectNode json = Simulator.object();
        json.put("type", "service_account");
        json.put("project_id", projectId);
        json.put("private_key_id", privateKeyId);
        json.put("private_key", pem);
        json.put("client_email", clientEmail);
        json.put("client_id", "100000000000000000001");
        json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        json.put("token_uri", tokenUri);
        json.put("auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs");
        json.put("universe_domain", "googleapis.com");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Simulator.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }
}
