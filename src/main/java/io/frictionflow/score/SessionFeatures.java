package io.frictionflow.score;

/**
 * What the intent model knows of one live session: counts and dwell times, kept as a Flink POJO
 * (public fields, no-arg constructor) in keyed state. Updated by {@link FeatureExtractor}.
 */
public class SessionFeatures {
  public long startTime = -1;
  public long lastTime;
  public long currentPageStart = -1;
  public String currentCategory;
  public String deviceClass;
  public String referrerClass;
  public boolean returning;
  public int pages;
  public int adminPages;
  public int infoPages;
  public int productPages;
  public int otherPages;
  public long adminMs;
  public long infoMs;
  public long productMs;
  public long otherMs;
  public int clicks;
  public long hoverMs;
  public double maxScrollPct;
  public int formInputs;
  public int submits;
  public int cartAdds;
  public int checkoutStarts;
  public int errors;
  public int frictionSignals;

  public SessionFeatures() {}
}
