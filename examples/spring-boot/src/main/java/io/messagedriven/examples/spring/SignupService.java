package io.messagedriven.examples.spring;

import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Signs a user up: the user, its event and the service's own signup row, in one transaction. */
@Service
public class SignupService {
  private final CreateUser createUser;
  private final JdbcClient jdbc;

  SignupService(CreateUser createUser, JdbcClient jdbc) {
    this.createUser = createUser;
    this.jdbc = jdbc;
  }

  /**
   * Creates the user in the default tenant and records where it signed up from.
   *
   * @throws io.messagedriven.domain.InvalidValueException for a bad email or name: nothing is written
   * @throws io.messagedriven.domain.user.DuplicateEmailException if the email is taken: nothing is written
   */
  // tag::transactional[]
  @Transactional
  public User signUp(String email, String name, String source) {
    // the user and its User.created event, in this transaction (CreateUser joins it)
    User user = createUser.handle(CreateUserCommand.of(TenantId.DEFAULT, email, name));
    // the service's own table, in the same transaction
    jdbc.sql("insert into signups (user_id, source) values (?, ?)")
        .params(user.id().value(), source)
        .update();
    return user;   // commit: all three, and the publisher hands User.created to WelcomeHandler
  }
  // end::transactional[]
}
