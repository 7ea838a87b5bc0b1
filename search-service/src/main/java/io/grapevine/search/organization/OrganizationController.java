package io.grapevine.search.organization;

import java.util.List;

import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;
import io.swagger.v3.oas.annotations.Operation;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the departments and topics the dashboard filters by; members and webhooks stay
 * private.
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

	record OrganizationView(String name, List<DepartmentView> departments) {

		static OrganizationView of(Organization organization) {
			return new OrganizationView(organization.name(),
					organization.departments().stream().map(DepartmentView::of).toList());
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
