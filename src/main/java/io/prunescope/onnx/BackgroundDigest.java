package io.prunescope.onnx;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The SHA-256 of a model file, computed on a thread of its own once {@link #start() started}. The reader starts it
 * after parsing (started before, it shares a busy core with the parse and holds the load up, issue 13); nothing needs
 * the digest until a plan is tied to the model. Asking before it was started starts it.
 */
final class BackgroundDigest implements Supplier<String> {

    private final CompletableFuture<String> digest = new CompletableFuture<>();
    private final Thread thread;

    BackgroundDigest(ByteBuffer bytes) {
        ByteBuffer view = bytes.duplicate();
        thread = new Thread(() -> {
            try {
                digest.complete(OnnxReader.sha256(view));
            } catch (Throwable e) {
                digest.completeExceptionally(e);
            }
        }, "prunescope-sha256");
        thread.setDaemon(true);
    }

    synchronized void start() {
        if (thread.getState() == Thread.State.NEW) {
            thread.start();
        }
    }

    @Override
    public String get() {
        start();
        try {
            return digest.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
