package io.parcelbell.console.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the APIs are and how the console reads the sign-in.
 *
 * @param reportUrl report-service's base URL (the history, the dashboard's figures, resend)
 * @param flowUrl flow-service's base URL
 * @param registrationId the OAuth2 client registration operators sign in with
 * @param reportsQuietAfter how long without a delivery report before the dashboard warns
 * @param refreshEvery how often the dashboard refreshes its figures
 */
@ConfigurationProperties("parcelbell.console")
public record ConsoleProperties(
    URI reportUrl,
    URI flowUrl,
    @DefaultValue("parcelbell") String registrationId,
    @DefaultValue("30m") Duration reportsQuietAfter,
    @DefaultValue("15s") Duration refreshEvery) {}
