/** Sans-I/O JSON-RPC 1.0 and 2.0: items, protocols, connection state and method binding. */
@NullMarked
package io.jrpcx.jsonrpc;

import org.jspecify.annotations.NullMarked;
