package io.messagedriven.examples.spring;

import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.user.DuplicateEmailException;
import io.messagedriven.domain.user.User;
import java.net.URI;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /users} with {@code {"email": ..., "name": ..., "source": ...}}: 201 and the user's id. */
@RestController
public class UserController {
  private final SignupService signups;

  UserController(SignupService signups) {
    this.signups = signups;
  }

  /** What a client sends to sign up. */
  public record SignupRequest(String email, String name, String source) {}

  /** Signs the user up; 400 for bad input, 409 for a taken email, and nothing written in either case. */
  @PostMapping("/users")
  public ResponseEntity<Map<String, String>> signUp(@RequestBody SignupRequest request) {
    User user = signups.signUp(request.email(), request.name(), request.source() == null ? "web" : request.source());
    return ResponseEntity.created(URI.create("/users/" + user.id())).body(Map.of("id", user.id().toString()));
  }

  @ExceptionHandler(InvalidValueException.class)
  ResponseEntity<Map<String, String>> invalid(InvalidValueException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(DuplicateEmailException.class)
  ResponseEntity<Map<String, String>> duplicate(DuplicateEmailException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<Map<String, String>> refusedByTheDatabase(DataIntegrityViolationException e) {
    return ResponseEntity.badRequest().body(Map.of("error", "the signup was refused: " + e.getMostSpecificCause().getMessage()));
  }
}
