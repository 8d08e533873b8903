package dev.redismigrate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void passesOverACandidateWhoseClusterBusPortIsTaken() throws IOException {
        int taken = LoopbackPorts.freeForClusterNode();
        try (ServerSocket bus = bind(taken + LoopbackPorts.CLUSTER_BUS_OFFSET)) {
            int next = LoopbackPorts.freeForClusterNode();
            Iterator<Integer> candidates = List.of(taken, next).iterator();

            assertThat(LoopbackPorts.freeForClusterNode(candidates::next)).isEqualTo(next);
        }
    }

    @Test
    void givesANodePortWhoseBusPortCanBeBoundToo() throws IOException {
        int port = LoopbackPorts.freeForClusterNode();

        try (ServerSocket node = bind(port); ServerSocket bus = bind(port + LoopbackPorts.CLUSTER_BUS_OFFSET)) {
            assertThat(node.isBound() && bus.isBound()).isTrue();
        }
    }

    @Test
    void saysSoWhenNoCandidateHasBothPortsFree() throws IOException {
        int taken = LoopbackPorts.freeForClusterNode();
        try (ServerSocket node = bind(taken)) {
            assertThatThrownBy(() -> LoopbackPorts.freeForClusterNode(() -> taken))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(LoopbackPorts.HOST), port), 1);
        return socket;
    }
}
