package dev.parley.http;

import static dev.parley.http.Acceptance.raw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiResponse;
import dev.parley.testing.ImplementedRoutes;
import dev.parley.testing.ImplementedRoutes.Route;
import dev.parley.testing.ParleyExtension;
import dev.parley.testing.ParleyProcess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17: no workspace token opens the operator API. Every route of the route table under {@code
 * /_parley/} ({@link ImplementedRoutes}, read from the composition root, so a route added later is
 * checked too) is called with a valid workspace token of every scope and with no token: each
 * answers 401 or 403 with an {@code error.list} body. With {@code PARLEY_OPERATOR_TOKEN} unset,
 * each answers 404 to every credential, the operator's included. A {@code /_parley/} route
 * registered with anything but the operator check (workspace or public access) fails here.
 *
 * <p>The failed-authentication throttle is off ({@code --auth-failures-per-minute 0}): a workspace
 * token is an unknown token to the operator check, and a 429 would hide the answer under test.
 */
class OperatorRoutesRefuseWorkspaceTokensTest {
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

  @RegisterExtension
  static final ParleyExtension parley =
      ParleyExtension.perClass().arg("--auth-failures-per-minute", "0");

  @RegisterExtension
  static final ParleyExtension withoutOperator =
      ParleyExtension.perClass()
          .env("PARLEY_OPERATOR_TOKEN", "")
          .arg("--auth-failures-per-minute", "0");

  static List<Route> operatorRoutes;

  @BeforeAll
  static void readRouteTable() {
    operatorRoutes =
        ImplementedRoutes.all().stream().filter(r -> r.path().startsWith("/_parley/")).toList();
    assertThat(operatorRoutes)
        .extracting(r -> r.method() + " " + r.path())
        .contains(
            "GET /_parley/clock",
            "POST /_parley/clock",
            "POST /_parley/faults",
            "DELETE /_parley/faults",
            "POST /_parley/workspaces",
            "GET /_parley/workspaces/{workspace}/journal");
  }

  @Test
  void aWorkspaceTokenOrNoTokenGets401Or403OnEveryOperatorRoute() {
    List<String> problems = new ArrayList<>();
    for (Route route : operatorRoutes) {
      String path = concrete(route.path());
      for (String token : new String[] {parley.process().token(), null}) {
        ApiResponse response = raw(parley.process(), token, route.method(), path, body(route));
        boolean refused =
            (response.status() == 401 || response.status() == 403)
                && response.body().contains("\"type\":\"error.list\"");
        if (!refused) {
          problems.add(
              route.method()
                  + " "
                  + path
                  + (token == null ? " without a token" : " with a workspace token")
                  + ": "
                  + response);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void theOperatorTokenPassesTheCheckOfEveryOperatorRoute() {
    // The other half of the proof: the 401s above come from the credential, not from the paths.
    for (Route route : operatorRoutes) {
      if (!route.method().equals("GET")) {
        continue; // reads only: the writes would change the server under the other tests
      }
      ApiResponse response =
          raw(parley.process(), ParleyProcess.OPERATOR_TOKEN, "GET", concrete(route.path()), null);
      assertThat(response.status()).as(route.path() + ": " + response).isNotIn(401, 403);
    }
  }

  @Test
  void otherMethodsOnOperatorPathsNeverServeAWorkspaceToken() {
    Set<String> paths = new LinkedHashSet<>();
    operatorRoutes.forEach(r -> paths.add(r.path()));
    Set<String> served = new LinkedHashSet<>();
    operatorRoutes.forEach(r -> served.add(r.method() + " " + r.path()));
    for (String template : paths) {
      for (String method : METHODS) {
        if (served.contains(method + " " + template)) {
          continue;
        }
        ApiResponse response =
            raw(parley.process(), parley.process().token(), method, concrete(template), "{}");
        assertThat(response.status())
            .as(method + " " + template + ": " + response)
            .isIn(401, 403, 404, 405);
      }
    }
  }

  @Test
  void withoutAnOperatorTokenEveryOperatorRouteAnswers404ToEveryone() {
    List<String> problems = new ArrayList<>();
    for (Route route : operatorRoutes) {
      String path = concrete(route.path());
      for (String token :
          new String[] {withoutOperator.process().token(), ParleyProcess.OPERATOR_TOKEN, null}) {
        ApiResponse response =
            raw(withoutOperator.process(), token, route.method(), path, body(route));
        if (response.status() != 404) {
          problems.add(route.method() + " " + path + ": " + response);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** The template with its parameters filled: the default workspace, id 1. */
  private static String concrete(String template) {
    return template.replace("{workspace}", "default").replaceAll("\\{[^}]+}", "1");
  }

  /** An empty JSON object for the methods that take a body. */
  private static Object body(Route route) {
    return Map.of("POST", "{}", "PUT", "{}").get(route.method());
  }
}
