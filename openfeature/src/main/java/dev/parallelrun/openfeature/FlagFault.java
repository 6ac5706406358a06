package dev.parallelrun.openfeature;

import dev.openfeature.sdk.ErrorCode;
import org.jspecify.annotations.Nullable;

/** Why a flag's value could not be used, so its safe value was: counted per flag and kind. */
public enum FlagFault {
    /** The provider does not know the flag ({@code FLAG_NOT_FOUND}). */
    MISSING("the flag does not exist"),
    /** The flag has another type than the one read ({@code TYPE_MISMATCH}, {@code PARSE_ERROR}). */
    WRONG_TYPE("the flag has another type"),
    /** The flag's value has the right type but means nothing here: not a stage's name, a rate outside [0, 1]. */
    BAD_VALUE("the flag's value is not a valid one"),
    /** The evaluation failed: the provider threw, was not ready, or refused the context. */
    ERROR("the flag could not be evaluated");

    private final String description;

    FlagFault(String description) {
        this.description = description;
    }

    /** What went wrong, in words. */
    public String description() {
        return description;
    }

    /** The fault an OpenFeature error code stands for. */
    static FlagFault of(@Nullable ErrorCode code) {
        if (code == ErrorCode.FLAG_NOT_FOUND) {
            return MISSING;
        }
        if (code == ErrorCode.TYPE_MISMATCH || code == ErrorCode.PARSE_ERROR) {
            return WRONG_TYPE;
        }
        return ERROR;
    }
}
