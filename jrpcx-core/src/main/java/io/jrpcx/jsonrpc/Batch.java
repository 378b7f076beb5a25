package io.jrpcx.jsonrpc;

import java.util.List;

/**
 * A batch of requests and notifications (outgoing), or of responses (incoming).
 *
 * <pre>{@code
 * Batch batch = new Batch(List.of(new Request("echo", Arguments.of("a")),
 *                                 new Notification("ping", Arguments.none())));
 * }</pre>
 *
 * @param items the batch's members in order; copied
 */
public record Batch(List<Item> items) implements Item {
    /**
     * Copies the items.
     *
     * @throws IllegalArgumentException if an item is itself a batch (batches cannot be nested)
     */
    public Batch {
        items = List.copyOf(items);
        for (Item item : items) {
            if (item instanceof Batch) {
                throw new IllegalArgumentException("batches cannot be nested");
            }
        }
    }

    /** {@return the number of items} */
    public int size() {
        return items.size();
    }

    /** {@return true when the batch holds at least one request, so a response is expected} */
    public boolean hasRequests() {
        return items.stream().anyMatch(Request.class::isInstance);
    }
}
