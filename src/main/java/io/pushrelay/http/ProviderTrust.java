package io.pushrelay.http;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What provider calls trust: the JDK's own certificate authorities, and those of {@code pushrelay.provider.trust-store}
 * (PKCS12) beside them, in one key store checked by the JDK's PKIX trust manager. Nothing here turns verification
 * off: a server whose chain leads to neither is refused.
 */
public final class ProviderTrust {

    private final TrustManagerFactory factory;

    private ProviderTrust(TrustManagerFactory factory) {
        this.factory = factory;
    }

    /** The JDK's trust alone when {@code trustStore} is empty, else the JDK's and the file's. */
    public static ProviderTrust of(String trustStore, String password) {
        if (trustStore == null || trustStore.isBlank()) {
            return new ProviderTrust(null);
        }
        try {
            KeyStore merged = KeyStore.getInstance("PKCS12");
            merged.load(null, null);
            int n = 0;
            for (X509Certificate ca : jdkDefault().getAcceptedIssuers()) {
                merged.setCertificateEntry("jdk-" + n++, ca);
            }
            KeyStore added = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
                added.load(in, password == null ? new char[0] : password.toCharArray());
            }
            for (String alias : Collections.list(added.aliases())) {
                if (added.getCertificate(alias) != null) {
                    merged.setCertificateEntry("added-" + alias, added.getCertificate(alias));
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(merged);
            return new ProviderTrust(factory);
        } catch (Exception e) {
            throw new IllegalArgumentException("pushrelay.provider.trust-store " + trustStore + " cannot be read as PKCS12: "
                    + e.getMessage(), e);
        }
    }

    /** Null when only the JDK's defaults are trusted (then the clients keep their own defaults). */
    public TrustManagerFactory factory() {
        return factory;
    }

    /** An SSL context that trusts what this does; the JDK's default context when nothing was added. */
    public SSLContext sslContext() throws GeneralSecurityException {
        if (factory == null) {
            return SSLContext.getDefault();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static X509TrustManager jdkDefault() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK has no X.509 trust manager");
    }
}
