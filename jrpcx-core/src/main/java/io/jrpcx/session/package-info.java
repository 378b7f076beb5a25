/** Sessions: one per connection, sending and handling requests, notifications and batches. */
@NullMarked
package io.jrpcx.session;

import org.jspecify.annotations.NullMarked;
