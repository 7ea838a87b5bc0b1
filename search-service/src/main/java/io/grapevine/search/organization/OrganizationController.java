package io.grapevine.search.organization;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.grapevine.listening.organization.Account;
import io.grapevine.listening.organization.AccountOwner;

import java.util.List;

import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the departments and topics the dashboard filters by, the competitors and the
 * organization's own accounts; members and webhooks stay private.
 */
@RestController
class OrganizationController {

	private final OrganizationView view;

	OrganizationController(Organization organization) {
		this.view = OrganizationView.of(organization);
	}

	@GetMapping("/api/organization")
	@Operation(summary = "The organization's departments and their topics")
	OrganizationView organization() {
		return this.view;
	}

	record OrganizationView(String name, List<DepartmentView> departments, List<CompetitorView> competitors,
			List<AccountView> accounts) {

		static OrganizationView of(Organization organization) {
			return new OrganizationView(organization.name(),
					organization.departments().stream().map(DepartmentView::of).toList(),
					organization.competitors()
						.stream()
						.map((competitor) -> new CompetitorView(competitor.id(), competitor.name()))
						.toList(),
					organization.accounts().own().stream().map(AccountView::of).toList());
		}

	}

	record CompetitorView(String id, String name) {
	}

	/**
	 * One of the organization's own accounts, as people read it.
	 *
	 * @param network the network
	 * @param account the account, e.g. {@code @hctransit}
	 * @param department the department that runs it, if any
	 */
	@JsonInclude(JsonInclude.Include.NON_ABSENT)
	record AccountView(String network, String account, Optional<String> department) {

		static AccountView of(Account account) {
			return new AccountView(account.network(), account.displayName(),
					((AccountOwner.Own) account.owner()).department());
		}

	}

	record DepartmentView(String id, String name, List<TopicView> topics) {

		static DepartmentView of(Department department) {
			return new DepartmentView(department.id(), department.name(),
					department.topics().stream().map((topic) -> new TopicView(topic.id(), topic.name())).toList());
		}

	}

	record TopicView(String id, String name) {
	}

}
