package dev.parley.domain.attribute;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in (standard) data attributes parley lists for {@code GET /data_attributes}: those of
 * the contact, company and conversation objects parley serves, named and described as Intercom
 * lists them (the company ones are the 2.14 description's example). They have no id and are not
 * custom; a custom attribute may not take one of their names.
 */
public final class BuiltInAttributes {
  private BuiltInAttributes() {}

  // model, full name, label, description, data type, api_writable
  private static final String[][] TABLE = {
    {"contact", "name", "Name", "The name of a user", "string", "true"},
    {"contact", "email", "Email", "The email of a user", "string", "true"},
    {"contact", "phone", "Phone", "The phone number of a user", "string", "true"},
    {"contact", "external_id", "User ID", "A number identifying a user", "string", "true"},
    {"contact", "role", "Role", "Whether the contact is a user or a lead", "string", "true"},
    {"contact", "id", "ID", "The Intercom defined id representing the contact", "string", "false"},
    {"contact", "avatar", "Avatar", "An avatar image URL", "string", "true"},
    {"contact", "owner_id", "Owner", "The owner of the contact", "integer", "true"},
    {
      "contact",
      "unsubscribed_from_emails",
      "Unsubscribed from emails",
      "Whether the user is unsubscribed from emails",
      "boolean",
      "true"
    },
    {"contact", "created_at", "First seen", "The time the user was added", "date", "false"},
    {"contact", "signed_up_at", "Signed up", "The time the user signed up", "date", "true"},
    {"contact", "last_seen_at", "Last seen", "The time the user was last seen", "date", "true"},
    {
      "contact",
      "last_replied_at",
      "Last replied",
      "The time the user last replied to a conversation",
      "date",
      "false"
    },
    {"contact", "updated_at", "Updated at", "The last time the user was updated", "date", "false"},
    {"company", "name", "Company name", "The name of a company", "string", "true"},
    {"company", "company_id", "Company ID", "A number identifying a company", "string", "false"},
    {
      "company",
      "last_request_at",
      "Company last seen",
      "The last day anyone from a company visited your site or app",
      "date",
      "false"
    },
    {
      "company",
      "remote_created_at",
      "Company created at",
      "The day a company was added to Intercom",
      "date",
      "true"
    },
    {"company", "user_count", "People", "The number of people in a company", "integer", "false"},
    {
      "company",
      "session_count",
      "Company web sessions",
      "All visits from anyone in a company to your product's site or app",
      "integer",
      "false"
    },
    {
      "company",
      "plan.name",
      "Plan",
      "A specific plan or level within your product that companies have signed up to",
      "string",
      "false"
    },
    {
      "company",
      "monthly_spend",
      "Monthly Spend",
      "The monthly revenue you receive from a company",
      "float",
      "true"
    },
    {
      "company",
      "size",
      "Company size",
      "The number of people employed in this company, expressed as a single number",
      "integer",
      "true"
    },
    {
      "company",
      "industry",
      "Company industry",
      "The category or domain this company belongs to e.g. 'ecommerce' or 'SaaS'",
      "string",
      "true"
    },
    {
      "company",
      "website",
      "Company website",
      "The web address for the company's primary marketing site",
      "string",
      "true"
    },
    {"company", "id", "ID", "The Intercom defined id representing the company", "string", "false"},
    {
      "company",
      "created_at",
      "Created at",
      "The time the company was added to Intercom",
      "date",
      "false"
    },
    {
      "company",
      "updated_at",
      "Updated at",
      "The last time the company was updated",
      "date",
      "false"
    },
    {"conversation", "id", "ID", "The id of the conversation", "string", "false"},
    {"conversation", "title", "Title", "The title of the conversation", "string", "true"},
    {"conversation", "state", "State", "open, closed or snoozed", "string", "false"},
    {"conversation", "read", "Read", "Whether the conversation was read", "boolean", "true"},
    {"conversation", "priority", "Priority", "priority or not_priority", "string", "false"},
    {
      "conversation",
      "admin_assignee_id",
      "Assigned teammate",
      "The id of the admin the conversation is assigned to",
      "integer",
      "false"
    },
    {
      "conversation",
      "team_assignee_id",
      "Assigned team",
      "The id of the team the conversation is assigned to",
      "integer",
      "false"
    },
    {"conversation", "created_at", "Started", "When the conversation started", "date", "false"},
    {
      "conversation",
      "updated_at",
      "Last updated",
      "When the conversation was last updated",
      "date",
      "false"
    },
    {
      "conversation",
      "snoozed_until",
      "Snoozed until",
      "When a snoozed conversation wakes up",
      "date",
      "false"
    },
  };

  private static final List<DataAttribute> ALL = build();

  private static List<DataAttribute> build() {
    List<DataAttribute> all = new ArrayList<>();
    for (String[] row : TABLE) {
      String fullName = row[1];
      String name = fullName.substring(fullName.lastIndexOf('.') + 1);
      all.add(
          new DataAttribute(
              null,
              row[0],
              name,
              fullName,
              row[2],
              row[3],
              row[4],
              null,
              Boolean.parseBoolean(row[5]),
              true,
              false,
              false,
              false,
              null,
              null,
              null));
    }
    return List.copyOf(all);
  }

  /** The built-in attributes of {@code model}, or of every model when it is null. */
  public static List<DataAttribute> of(String model) {
    return ALL.stream().filter(a -> model == null || a.model().equals(model)).toList();
  }

  /** Whether {@code name} is the name of a built-in attribute of {@code model} (any case). */
  public static boolean isBuiltIn(String model, String name) {
    return ALL.stream().anyMatch(a -> a.model().equals(model) && a.name().equalsIgnoreCase(name));
  }
}
