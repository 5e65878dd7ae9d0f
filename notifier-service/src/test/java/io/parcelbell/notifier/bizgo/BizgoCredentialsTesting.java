package io.parcelbell.notifier.bizgo;

/** Moves {@link BizgoCredentials} as Bizgo's answers would, for tests outside its package. */
public final class BizgoCredentialsTesting {

  private BizgoCredentialsTesting() {}

  public static void reject(BizgoCredentials credentials, String code) {
    credentials.rejected(code);
  }

  public static void accept(BizgoCredentials credentials) {
    credentials.accepted();
  }
}
