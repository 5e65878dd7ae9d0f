package io.parcelbell.authserver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The dev users of {@code parcelbell.auth.users}, in memory. */
@Configuration(proxyBeanMethods = false)
class DevUsers {

  @Bean
  UserDetailsService users(AuthProperties properties) {
    var users = new InMemoryUserDetailsManager();
    for (var user : properties.users()) {
      users.createUser(
          User.withUsername(user.username())
              // Dev passwords in plain text on purpose: they are printed in the banner anyway.
              .password("{noop}" + user.password())
              .authorities(user.roles().stream().map(role -> "ROLE_" + role).toArray(String[]::new))
              .build());
    }
    return users;
  }
}
