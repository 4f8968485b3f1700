package io.frictionflow.event;

import java.util.Set;

/** The event types the model names. Other types are accepted and kept as they are. */
public final class EventTypes {
  public static final String PAGE_VIEW = "page_view";
  public static final String CLICK = "click";
  public static final String DBLCLICK = "dblclick";
  public static final String POINTER_MOVE = "pointer_move";
  public static final String SCROLL = "scroll";
  public static final String HOVER = "hover";
  public static final String INPUT = "input";
  public static final String CHANGE = "change";
  public static final String FOCUS = "focus";
  public static final String BLUR = "blur";
  public static final String SUBMIT = "submit";
  public static final String DOM_CHANGE = "dom_change";
  public static final String NAVIGATE = "navigate";
  public static final String NETWORK = "network";
  public static final String ERROR = "error";
  public static final String VISIBILITY = "visibility";
  public static final String SELECTION = "selection";
  public static final String ADD_TO_CART = "add_to_cart";
  public static final String CHECKOUT_START = "checkout_start";
  public static final String PURCHASE = "purchase";

  /** Every type documented in {@code docs/events.md}. */
  public static final Set<String> KNOWN =
      Set.of(
          PAGE_VIEW,
          CLICK,
          DBLCLICK,
          POINTER_MOVE,
          SCROLL,
          HOVER,
          INPUT,
          CHANGE,
          FOCUS,
          BLUR,
          SUBMIT,
          DOM_CHANGE,
          NAVIGATE,
          NETWORK,
          ERROR,
          VISIBILITY,
          SELECTION,
          ADD_TO_CART,
          CHECKOUT_START,
          PURCHASE);

  private EventTypes() {}
}
