package io.parcelbell.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The settings as the README writes them bind to what ClaimRoles reads. */
class AccessPropertiesBindingTest {

  @Test
  void yamlStyleKeysBindRolesToTheirValuesKeepingEveryCharacter() {
    var source =
        new MapConfigurationPropertySource(
            Map.of(
                "parcelbell.security.roles-claim", "realm_access.roles",
                "parcelbell.security.roles.ADMIN", "parcelbell_admins,Ops Team",
                "parcelbell.security.roles.VIEWER", "/shop/everyone"));

    AccessProperties bound =
        new Binder(source).bind("parcelbell.security", AccessProperties.class).get();

    assertThat(bound.rolesClaim()).isEqualTo("realm_access.roles");
    assertThat(bound.roles())
        .containsEntry(Role.ADMIN, List.of("parcelbell_admins", "Ops Team"))
        .containsEntry(Role.VIEWER, List.of("/shop/everyone"));
  }

  @Test
  void environmentVariablesAsTheDeployReadmeWritesThem() {
    var environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(
                    "PARCELBELL_SECURITY_ROLESCLAIM", "groups",
                    "PARCELBELL_SECURITY_ROLES_OPERATOR", "Parcelbell Operators,ops_team")));

    AccessProperties bound =
        Binder.get(environment).bind("parcelbell.security", AccessProperties.class).get();

    assertThat(bound.rolesClaim()).isEqualTo("groups");
    assertThat(bound.roles())
        .containsEntry(Role.OPERATOR, List.of("Parcelbell Operators", "ops_team"));
  }
}
