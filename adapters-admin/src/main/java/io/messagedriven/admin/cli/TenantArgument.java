package io.messagedriven.admin.cli;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.TenantId;

/** The tenant {@code pause} and {@code resume} act on: their argument, or else {@code --tenant}. */
final class TenantArgument {
  private TenantArgument() {}

  static TenantId resolve(AdminCli cli, Operations operations, String argument) {
    if (argument != null) {
      return operations.tenant(argument);
    }
    TenantId global = cli.tenant(operations);
    if (global == null) {
      throw new InvalidValueException("tenant", null, "name the tenant: its slug or id, or --tenant");
    }
    return global;
  }
}
