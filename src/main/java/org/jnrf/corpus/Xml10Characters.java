package org.jnrf.corpus;

import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * A SAX filter in front of an XML writer that makes every string XML 1.0 can hold: each character it cannot (C0
 * controls other than tab, line feed and carriage return, such as the form feed of printed reports; U+FFFE, U+FFFF;
 * a surrogate without its pair) becomes one space. One UTF-16 unit replaces one, so every offset into the text stays
 * valid. A space, because the characters real notes hold (form feed, vertical tab) are whitespace to every tokenizer,
 * and a replacement character would make a word of them. XML 1.1 could hold most of them as character references,
 * but not NUL, and many XML tools do not read 1.1.
 */
final class Xml10Characters extends XMLFilterImpl {
    static final char REPLACEMENT = ' ';

    Xml10Characters(ContentHandler next) {
        setContentHandler(next);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
            throws SAXException {
        AttributesImpl clean = null;
        for (int i = 0; i < attributes.getLength(); i++) {
            String value = attributes.getValue(i);
            String replaced = replace(value);
            if (replaced != value) {
                if (clean == null) {
                    clean = new AttributesImpl(attributes);
                }
                clean.setValue(i, replaced);
            }
        }
        super.startElement(uri, localName, qName, clean == null ? attributes : clean);
    }

    @Override
    public void characters(char[] text, int start, int length) throws SAXException {
        String value = new String(text, start, length);
        String replaced = replace(value);
        if (replaced == value) {
            super.characters(text, start, length);
        } else {
            super.characters(replaced.toCharArray(), 0, length);
        }
    }

    /** {@code value} with the characters XML 1.0 cannot hold replaced; the same instance when it has none. */
    static String replace(String value) {
        if (value == null) {
            return null;
        }
        char[] chars = null;
        for (int i = 0; i < value.length(); i++) {
            if (!allowed(value, i)) {
                if (chars == null) {
                    chars = value.toCharArray();
                }
                chars[i] = REPLACEMENT;
            }
        }
        return chars == null ? value : new String(chars);
    }

    private static boolean allowed(CharSequence text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return allowedBmp(c);
    }

    private static boolean allowedBmp(char c) {
        return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
    }
}
