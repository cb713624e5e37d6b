package io.messagedriven.jdbi.user;

import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import io.messagedriven.domain.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** SQL of the users table. */
@RegisterRowMapper(UserDao.Mapper.class)
interface UserDao {

  @SqlQuery("select id, tenant_id, email, name, created_at from <schema>.users where tenant_id = :tenantId and id = :id")
  Optional<User> findById(@Bind("tenantId") UUID tenantId, @Bind("id") UUID id);

  @SqlQuery(
      "select id, tenant_id, email, name, created_at from <schema>.users "
          + "where tenant_id = :tenantId and email_lower = lower(:email)")
  Optional<User> findByEmail(@Bind("tenantId") UUID tenantId, @Bind("email") String email);

  @SqlQuery(
      "select id, tenant_id, email, name, created_at from <schema>.users where tenant_id = :tenantId "
          + "order by created_at, id limit :limit")
  List<User> listFirst(@Bind("tenantId") UUID tenantId, @Bind("limit") int limit);

  @SqlQuery(
      "select id, tenant_id, email, name, created_at from <schema>.users where tenant_id = :tenantId "
          + "and (created_at, id) > (:createdAt, :id) order by created_at, id limit :limit")
  List<User> listAfter(@Bind("tenantId") UUID tenantId, @Bind("createdAt") OffsetDateTime createdAt,
      @Bind("id") UUID id, @Bind("limit") int limit);

  final class Mapper implements org.jdbi.v3.core.mapper.RowMapper<User> {
    @Override
    public User map(ResultSet rs, StatementContext ctx) throws SQLException {
      return new User(
          new UserId(rs.getObject("id", UUID.class)),
          new TenantId(rs.getObject("tenant_id", UUID.class)),
          Email.of(rs.getString("email")),
          rs.getString("name"),
          rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
  }
}
