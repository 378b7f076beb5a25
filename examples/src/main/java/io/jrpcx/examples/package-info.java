/**
 * Small jrpcx programs, each runnable with {@code main} and used by a test: an echo server and client
 * ({@code echo}), a typed service interface used from both sides ({@code wallet}), a server that calls its
 * clients ({@code callback}) and a subscription in the manner of Electrum's
 * {@code blockchain.headers.subscribe} ({@code headers}), and a tiny language server over stdio with LSP's
 * cancellation ({@code lsp}). They use only jrpcx's public API.
 */
package io.jrpcx.examples;
