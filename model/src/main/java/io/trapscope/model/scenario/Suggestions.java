package io.trapscope.model.scenario;

import java.util.Collection;

/** "Did you mean" hints for misspelt names. */
public final class Suggestions {
  private static final int DISTANCE_MAX = 2;

  private Suggestions() {}

  /** The closest candidate within a small edit distance, or null. */
  public static String closest(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(given.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    boolean close = bestDistance <= Math.min(DISTANCE_MAX, Math.max(1, given.length() / 3));
    return close ? best : null;
  }

  /** " (did you mean 'x'?)" or the empty string. */
  public static String hint(String given, Collection<String> candidates) {
    String closest = closest(given, candidates);
    return closest == null ? "" : " (did you mean '" + closest + "'?)";
  }

  /**
   * Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment), so
   * that "snyc" is one edit from "sync"; bounded to short identifiers by its callers.
   */
  static int distance(String left, String right) {
    int[] beforePrevious = new int[right.length() + 1];
    int[] previous = new int[right.length() + 1];
    int[] current = new int[right.length() + 1];
    for (int column = 0; column <= right.length(); column++) {
      previous[column] = column;
    }
    for (int row = 1; row <= left.length(); row++) {
      current[0] = row;
      for (int column = 1; column <= right.length(); column++) {
        char leftChar = left.charAt(row - 1);
        char rightChar = right.charAt(column - 1);
        int substitution = previous[column - 1] + (leftChar == rightChar ? 0 : 1);
        int best = Math.min(substitution, Math.min(previous[column] + 1, current[column - 1] + 1));
        if (row > 1 && column > 1 && leftChar == right.charAt(column - 2) && left.charAt(row - 2) == rightChar) {
          best = Math.min(best, beforePrevious[column - 2] + 1);
        }
        current[column] = best;
      }
      int[] recycled = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = recycled;
    }
    return previous[right.length()];
  }
}
