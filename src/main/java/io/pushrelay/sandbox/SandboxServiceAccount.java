package io.pushrelay.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Google service account made up for the sandbox: an RSA key pair and the JSON key file Google would hand out for
 * it, whose {@code token_uri} points at the sandbox's token endpoint. The key is made once and kept in the file
 * (generating a 2048-bit key costs up to a second of start-up); each start rewrites the file for its own port.
 */
record SandboxServiceAccount(String projectId, String clientEmail, String privateKeyId, KeyPair keys, Path file) {

    static SandboxServiceAccount create(String projectId, String tokenUri, Path file) throws Exception {
        String email = "pushrelay-sandbox@" + projectId + ".iam.gserviceaccount.com";
        SandboxServiceAccount account = Files.isRegularFile(file) ? kept(projectId, email, file) : null;
        if (account == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            account = new SandboxServiceAccount(projectId, email, UUID.randomUUID().toString().replace("-", ""),
                    generator.generateKeyPair(), file);
        }
        account.write(tokenUri);
        return account;
    }

    /** The account an earlier start wrote, or null when the file is not one (then a new key is made). */
    private static SandboxServiceAccount kept(String projectId, String email, Path file) {
        try {
            JsonNode json = Simulator.JSON.readTree(file.toFile());
            if (!email.equals(json.path("client_email").asText())) {
                return null;
            }
            String base64 = json.path("private_key").asText().replaceAll("-----[A-Z ]+-----|\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return new SandboxServiceAccount(projectId, email, json.path("private_key_id").asText(),
                    new KeyPair(publicKey, key), file);
        } catch (Exception e) {
            return null;
        }
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
