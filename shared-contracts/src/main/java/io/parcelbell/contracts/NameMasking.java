package io.parcelbell.contracts;

/**
 * Customer names are personal data. The one masked form every service shows: the first and the last
 * character survive, everything between is {@code *} ({@code 홍길동} → {@code 홍*동}, {@code 남궁민수} →
 * {@code 남**수}); a two-character name keeps its first ({@code 이순} → {@code 이*}), a single character
 * is fully masked. Counted in code points, so a name outside the Basic Multilingual Plane is not
 * cut inside a character.
 */
public final class NameMasking {

  private NameMasking() {}

  public static String mask(String name) {
    if (name == null) {
      return null;
    }
    String trimmed = name.strip();
    int[] chars = trimmed.codePoints().toArray();
    if (chars.length == 0) {
      return trimmed;
    }
    if (chars.length == 1) {
      return "*";
    }
    StringBuilder masked = new StringBuilder().appendCodePoint(chars[0]);
    if (chars.length == 2) {
      return masked.append('*').toString();
    }
    masked.append("*".repeat(chars.length - 2));
    return masked.appendCodePoint(chars[chars.length - 1]).toString();
  }
}
