package dev.parallelrun.runtime;

import io.micrometer.context.ThreadLocalAccessor;

/** Carries one thread-local under a key, as an MDC entry is carried once registered with context propagation. */
class LocalAccessor implements ThreadLocalAccessor<String> {

    private final String key;
    private final ThreadLocal<String> local;

    LocalAccessor(String key, ThreadLocal<String> local) {
        this.key = key;
        this.local = local;
    }

    @Override
    public Object key() {
        return key;
    }

    @Override
    public String getValue() {
        return local.get();
    }

    @Override
    public void setValue(String value) {
        local.set(value);
    }

    @Override
    public void setValue() {
        local.remove();
    }
}
