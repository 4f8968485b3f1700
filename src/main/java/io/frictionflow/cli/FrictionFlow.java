package io.frictionflow.cli;

/** Placeholder. */
public final class FrictionFlow {
  public static void main(String[] args) {}
}
