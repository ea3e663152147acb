package dev.herald.core.store;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** A {@link Store} that hands everything to a real one; tests override a method to inject a failure. */
public class ForwardingStore implements Store {
    private final Store delegate;

    public ForwardingStore(Store delegate) {
        this.delegate = delegate;
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public IdFingerprints idFingerprints() {
        return delegate.idFingerprints();
    }

    @Override
    public List<String> problems() {
        return delegate.problems();
    }

    @Override
    public <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work) {
        return delegate.submit(durable, work);
    }

    @Override
    public <T> Pending<T> submitFirst(boolean durable, Function<StoreTransaction, T> work) {
        return delegate.submitFirst(durable, work);
    }

    @Override
    public <T> T read(Function<StoreView, T> query) {
        return delegate.read(query);
    }

    @Override
    public <T> Pending<T> submitRead(Function<StoreView, T> query) {
        return delegate.submitRead(query);
    }

    @Override
    public void addOutboxListener(Consumer<String> listener) {
        delegate.addOutboxListener(listener);
    }

    @Override
    public void removeOutboxListener(Consumer<String> listener) {
        delegate.removeOutboxListener(listener);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
