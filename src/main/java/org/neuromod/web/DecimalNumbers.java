package org.neuromod.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers in query parameters and paths must be written in decimal. Spring's default number
 * editor also reads {@code 0x10} and {@code #10} as hexadecimal and ignores surrounding whitespace,
 * so {@code ?limit=0x10} was a page of 16; such values are refused as invalid here. A converter
 * would not do: when a conversion fails, Spring falls back to that default editor. An empty value
 * still means "absent".
 */
@ControllerAdvice
class DecimalNumbers {

    @InitBinder
    void decimalOnly(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new Decimal(Integer::valueOf));
        binder.registerCustomEditor(Integer.class, new Decimal(Integer::valueOf));
        binder.registerCustomEditor(long.class, new Decimal(Long::valueOf));
        binder.registerCustomEditor(Long.class, new Decimal(Long::valueOf));
    }

    /** Reads text as {@link Integer#parseInt} or {@link Long#parseLong} do: an optional sign and decimal digits. */
    private static final class Decimal extends PropertyEditorSupport {

        private final Function<String, Number> parse;

        Decimal(Function<String, Number> parse) {
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            setValue(text.isEmpty() ? null : parse.apply(text));
        }
    }
}
