package org.jnrf.uima;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sees any network connection a test provokes: a server on 127.0.0.1 that counts the connections it accepts (the
 * remote model locations point at it), and a proxy selector that records every URL Java's HTTP, HTTPS and FTP
 * clients are about to connect to, whatever the host (a {@code file://host/...} URL falls back to FTP on port 21).
 */
public final class NetworkWatch implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<URI> proxyRequests = Collections.synchronizedList(new ArrayList<>());
    private final ProxySelector previous = ProxySelector.getDefault();
    private final Thread acceptor;

    public NetworkWatch() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    accepted.incrementAndGet(); // closed at once: a client that connected fails fast
                } catch (IOException e) {
                    return;
                }
            }
        }, "network-watch");
        acceptor.setDaemon(true);
        acceptor.start();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                proxyRequests.add(uri);
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
    }

    /** host:port of the watching server. */
    public String hostAndPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** The model locations Java's URL handlers would fetch over the network, all aimed at this watch. */
    public List<String> remoteLocations() {
        String h = hostAndPort();
        return List.of(
                "http://" + h + "/m.zip",
                "https://" + h + "/m.zip",
                "ftp://" + h + "/m.zip",
                "HTTP://" + h + "/m.zip",
                "jar:http://" + h + "/m.jar!/m.zip",
                "jar:ftp://" + h + "/m.jar!/m.zip",
                "file://" + h + "/m.zip",
                "file://127.0.0.1/m.zip",
                "jar:file://" + h + "/m.jar!/m.zip",
                "jar:jar:http://" + h + "/m.jar!/inner.jar!/m.zip");
    }

    /** What reached the network: empty when nothing did. */
    public String seen() {
        return accepted.get() == 0 && proxyRequests.isEmpty() ? ""
                : accepted.get() + " connection(s) accepted, proxy asked for " + proxyRequests;
    }

    @Override
    public void close() throws IOException {
        ProxySelector.setDefault(previous);
        server.close();
    }
}
