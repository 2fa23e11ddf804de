package dev.sluice.engine.vector.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** LIKE on random patterns and strings against an equivalent Java regex. */
class TestLikeMatcher {
  private static final String[] PATTERN_PIECES = {"a", "b", "%", "_", "\\%", "\\_", "\\\\", "é", "日", "😀", "ab"};
  private static final String[] TEXT_PIECES = {"a", "b", "%", "_", "\\", "é", "日", "😀", "ab", "ba"};

  private static Pattern regex(String like) {
    StringBuilder out = new StringBuilder();
    int[] chars = like.codePoints().toArray();
    for (int i = 0; i < chars.length; i++) {
      int c = chars[i];
      if (c == '\\') {
        out.append(Pattern.quote(Character.toString(chars[++i])));
      } else if (c == '%') {
        out.append(".*");
      } else if (c == '_') {
        out.append('.');
      } else {
        out.append(Pattern.quote(Character.toString(c)));
      }
    }
    return Pattern.compile(out.toString(), Pattern.DOTALL);
  }

  private static String random(Random random, String[] pieces, int maxPieces) {
    StringBuilder text = new StringBuilder();
    int count = random.nextInt(maxPieces + 1);
    for (int k = 0; k < count; k++) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  @Test
  void testRandomPatternsMatchLikeTheRegex() {
    Random random = new Random(7);
    for (int p = 0; p < 400; p++) {
      String pattern = random(random, PATTERN_PIECES, 5);
      LikeMatcher matcher = LikeMatcher.compile(pattern);
      Pattern reference = regex(pattern);
      for (int t = 0; t < 60; t++) {
        String text = random(random, TEXT_PIECES, 6);
        // Embed the text in a larger buffer to check that offsets are honoured.
        byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        assertThat(matcher.matches(bytes, 2, 2 + length))
            .as("'%s' LIKE '%s'", text, pattern)
            .isEqualTo(reference.matcher(text).matches());
      }
    }
  }

  @Test
  void testFastPathsAgreeWithTheGeneralForm() {
    String[] texts = {"", "abc", "xabcx", "ab", "cab", "abcabc"};
    String[][] patterns = {{"abc", "abc"}, {"abc%", "abc%%"}, {"%abc", "%%abc"}, {"%abc%", "%%abc%%"}, {"%", "%%%"}};
    for (String[] pair : patterns) {
      for (String text : texts) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(LikeMatcher.compile(pair[0]).matches(bytes, 0, bytes.length))
            .as("'%s' LIKE '%s'", text, pair[0])
            .isEqualTo(regex(pair[0]).matcher(text).matches())
            .isEqualTo(LikeMatcher.compile(pair[1]).matches(bytes, 0, bytes.length));
      }
    }
  }
}
