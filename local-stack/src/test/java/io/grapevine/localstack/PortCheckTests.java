package io.grapevine.localstack;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PortCheckTests {

	@Test
	void aPortWhoseListenerStoppedIsFreeAgainAtOnceThoughItsConnectionsLingerInTimeWait() throws Exception {
		int port;
		try (ServerSocket listener = new ServerSocket()) {
			listener.setReuseAddress(true);
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			port = listener.getLocalPort();
			try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
					Socket accepted = listener.accept()) {
				// The listening side closes first, so its end of the connection waits in
				// TIME_WAIT, as a stopped broker's do.
				accepted.close();
				try (InputStream in = client.getInputStream()) {
					assertThat(in.read()).isEqualTo(-1);
				}
			}
		}

		assertThat(LocalStack.port(port, "Kafka")).isEqualTo(port);
	}

	@Test
	void aPortSomethingListensOnIsInUse() throws Exception {
		try (ServerSocket listener = new ServerSocket()) {
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

			assertThatExceptionOfType(LocalStackException.class)
				.isThrownBy(() -> LocalStack.port(listener.getLocalPort(), "Kafka"))
				.withMessageContaining("is in use on 127.0.0.1");
		}
	}

}
