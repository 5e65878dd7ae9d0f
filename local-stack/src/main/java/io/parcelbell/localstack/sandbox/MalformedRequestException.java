package io.parcelbell.localstack.sandbox;

/** A send request the sandbox cannot read; answered with HTTP 400 and code A400. */
final class MalformedRequestException extends RuntimeException {

  MalformedRequestException(String message) {
    super(message);
  }
}
