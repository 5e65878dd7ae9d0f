package io.parcelbell.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class ClaimRolesTest {

  @Test
  void rolesNamedDirectlyCountWithTheRolesTheyInclude() {
    var roles = new ClaimRoles(new AccessProperties("roles", Map.of()));

    assertThat(authorities(roles, Map.of("roles", List.of("OPERATOR"))))
        .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");
    assertThat(authorities(roles, Map.of("roles", List.of("ADMIN"))))
        .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_ADMIN");
  }

  @Test
  void aNestedClaimWithMappedGroupsAsKeycloakIssuesThem() {
    var roles =
        new ClaimRoles(
            new AccessProperties(
                "realm_access.roles",
                Map.of(
                    Role.VIEWER, List.of("parcelbell-viewers"),
                    Role.ADMIN, List.of("parcelbell-admins"))));

    assertThat(
            authorities(
                roles,
                Map.of(
                    "realm_access",
                    Map.of("roles", List.of("offline_access", "parcelbell-viewers")))))
        .containsExactly("ROLE_VIEWER");
  }

  @Test
  void aSpaceOrCommaSeparatedStringIsReadToo() {
    var roles =
        new ClaimRoles(new AccessProperties("groups", Map.of(Role.OPERATOR, List.of("ops"))));

    assertThat(authorities(roles, Map.of("groups", "staff, ops")))
        .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");
  }

  @Test
  void noMappedRoleMeansNoRoleAndScopesStayScopes() {
    var roles = new ClaimRoles(new AccessProperties("roles", Map.of()));

    assertThat(authorities(roles, Map.of("roles", List.of("admin", "Viewer"), "scope", "a b")))
        .containsExactlyInAnyOrder("SCOPE_a", "SCOPE_b");
    assertThat(authorities(roles, Map.of("roles", Map.of("ADMIN", true)))).isEmpty();
    assertThat(authorities(roles, Map.of("sub", "x"))).isEmpty();
  }

  @Test
  void onceRolesAreMappedABareRoleNameGrantsNothing() {
    var roles =
        new ClaimRoles(
            new AccessProperties("groups", Map.of(Role.ADMIN, List.of("Parcelbell Admins_2"))));

    assertThat(authorities(roles, Map.of("groups", List.of("ADMIN", "VIEWER")))).isEmpty();
    assertThat(authorities(roles, Map.of("groups", List.of("Parcelbell Admins_2"))))
        .contains("ROLE_ADMIN");
  }

  @Test
  void aNamespacedClaimWithDotsIsReadAsOneName() {
    var roles = new ClaimRoles(new AccessProperties("https://parcelbell.io/roles", Map.of()));

    assertThat(authorities(roles, Map.of("https://parcelbell.io/roles", List.of("VIEWER"))))
        .containsExactly("ROLE_VIEWER");
  }

  @Test
  void aPathThroughSomethingThatIsNotAnObjectFindsNothing() {
    var roles = new ClaimRoles(new AccessProperties("realm_access.roles", Map.of()));

    assertThat(authorities(roles, Map.of("realm_access", List.of("ADMIN")))).isEmpty();
  }

  private static List<String> authorities(ClaimRoles roles, Map<String, Object> claims) {
    var jwt =
        Jwt.withTokenValue("t")
            .header("alg", "RS256")
            .claims(c -> c.putAll(claims))
            .claim("sub", "someone")
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(60))
            .build();
    return roles.convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
  }
}
