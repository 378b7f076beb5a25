package io.jrpcx.internal.socks;

import io.jrpcx.net.AddressDefaults;
import io.jrpcx.net.AddressException;
import io.jrpcx.net.NetAddress;
import io.jrpcx.socks.SocksAuth;
import io.jrpcx.socks.SocksProtocol;
import io.jrpcx.socks.SocksProxy;
import io.jrpcx.socks.SocksProxy.Resolution;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Parses {@code socks4://}, {@code socks4a://}, {@code socks5://} and {@code socks5h://} proxy URLs. */
public final class SocksUrl {
    /** The port of a URL that gives none, as curl assumes. */
    public static final int DEFAULT_PORT = 1080;

    private SocksUrl() {
    }

    public static SocksProxy parse(String url) {
        int sep = url.indexOf("://");
        if (sep < 0) {
            throw new IllegalArgumentException("not a proxy URL: " + url
                    + " (expected socks4://, socks4a://, socks5:// or socks5h://[USER:PASS@]HOST:PORT)");
        }
        String scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
        SocksProxy.Builder b;
        String rest = url.substring(sep + 3);
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.indexOf('/') >= 0 || rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw new IllegalArgumentException("a proxy URL has no path, query or fragment: " + url);
        }
        int at = rest.lastIndexOf('@');
        String hostPort = rest.substring(at + 1);
        NetAddress address;
        try {
            address = NetAddress.parse(hostPort, AddressDefaults.port(DEFAULT_PORT));
        } catch (AddressException e) {
            throw new IllegalArgumentException("bad proxy address in " + redact(url) + ": " + e.getMessage(), e);
        }
        b = SocksProxy.builder(address);
        switch (scheme) {
            case "socks4" -> b.protocol(SocksProtocol.SOCKS4).resolution(Resolution.LOCAL);
            case "socks4a" -> b.protocol(SocksProtocol.SOCKS4A).resolution(Resolution.PROXY);
            case "socks5" -> b.protocol(SocksProtocol.SOCKS5).resolution(Resolution.LOCAL);
            case "socks5h" -> b.protocol(SocksProtocol.SOCKS5).resolution(Resolution.PROXY);
            default -> throw new IllegalArgumentException("unknown proxy scheme " + scheme
                    + "://: expected socks4, socks4a, socks5 or socks5h");
        }
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a proxy URL's credentials are USER:PASSWORD@: " + redact(url));
            }
            b.auth(SocksAuth.user(decode(userInfo.substring(0, colon)), decode(userInfo.substring(colon + 1))));
        }
        return b.build();
    }

    /** The URL without its password, for messages. */
    static String redact(String url) {
        int sep = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (sep < 0 || at < sep) {
            return url;
        }
        int colon = url.indexOf(':', sep + 3);
        return colon >= 0 && colon < at ? url.substring(0, colon) + ":***" + url.substring(at) : url;
    }

    private static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int literal = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '%') {
                continue;
            }
            out.writeBytes(text.substring(literal, i).getBytes(StandardCharsets.UTF_8));
            if (i == text.length()) {
                break;
            }
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("bad percent escape in a proxy URL's credentials");
            }
            out.write(high * 16 + low);
            i += 2;
            literal = i + 1;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
