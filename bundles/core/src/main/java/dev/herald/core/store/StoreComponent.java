package dev.herald.core.store;

import dev.herald.core.CoreConfig;
import dev.herald.core.CoreSettings;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** Opens the embedded store with the {@code dev.herald.core} configuration and offers it to core. */
@Component(service = Store.class, configurationPid = CoreConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CoreConfig.class)
public final class StoreComponent implements Store {
    private final MvStore store;

    @Activate
    public StoreComponent(CoreConfig config) {
        this.store = MvStore.open(CoreSettings.from(config));
    }

    @Deactivate
    void deactivate() {
        store.close();
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public IdFingerprints idFingerprints() {
        return store.idFingerprints();
    }

    @Override
    public List<String> problems() {
        return store.problems();
    }

    @Override
    public <T> Pending<T> submit(boolean durable, Function<StoreTransaction, T> work) {
        return store.submit(durable, work);
    }

    @Override
    public <T> Pending<T> submitFirst(boolean durable, Function<StoreTransaction, T> work) {
        return store.submitFirst(durable, work);
    }

    @Override
    public <T> T read(Function<StoreView, T> query) {
        return store.read(query);
    }

    @Override
    public <T> Pending<T> submitRead(Function<StoreView, T> query) {
        return store.submitRead(query);
    }

    @Override
    public void addOutboxListener(Consumer<String> listener) {
        store.addOutboxListener(listener);
    }

    @Override
    public void removeOutboxListener(Consumer<String> listener) {
        store.removeOutboxListener(listener);
    }

    @Override
    public void close() {
        store.close();
    }
}
