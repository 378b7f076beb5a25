package io.jrpcx.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What {@link JsonRpcProtocol#messageToItem(byte[])} found in a message.
 *
 * <pre>{@code
 * switch (JsonRpc.V2.messageToItem(bytes)) {
 *     case Decoded.Single s -> System.out.println(s.item() + " id " + s.id());
 *     case Decoded.BatchPayload b -> System.out.println(b.elements().size() + " in a batch");
 * }
 * }</pre>
 */
public sealed interface Decoded {

    /**
     * One item (request, notification, response or error response) and its id.
     *
     * @param item the request, notification, response or error response
     * @param id the message's id; {@link RequestId#absent()} for a notification
     */
    record Single(Item item, RequestId id) implements Decoded {
    }

    /**
     * A non-empty batch, its elements not yet interpreted.
     *
     * @param elements the batch's members as parsed JSON; copied
     */
    record BatchPayload(List<JsonNode> elements) implements Decoded {
        /** Copies the elements. */
        public BatchPayload {
            elements = List.copyOf(elements);
        }
    }
}
