package io.calbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.Room;
import com.microsoft.graph.models.RoomList;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.delta.DeltaGetResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users, groups, administrative units and places through the Graph SDK. */
class DirectoryIT {
    private static Fixture f;
    private static GraphServiceClient graph;

    @BeforeAll
    static void start() {
        f = new Fixture();
        graph = f.syncGraph();
    }

    @AfterAll
    static void stop() { f.close(); }

    @BeforeEach
    void reseed() {
        f.emulator.reset();
        f.emulator.seed(Fixture.resource("/seeds/fidelity.json"));
    }

    private static String ref(String id) { return "https://graph.microsoft.com/v1.0/directoryObjects/" + id; }

    private static Consumer<ODataError> error(int status, String code) {
        return e -> {
            assertThat(e.getResponseStatusCode()).isEqualTo(status);
            assertThat(e.getError().getCode()).isEqualTo(code);
        };
    }

    @Test
    void getsUserByIdAndByUpnWithDefaultPropertiesUnlessSelected() {
        User byId = graph.users().byUserId("u-alice").get();
        User byUpn = graph.users().byUserId("alice@contoso.onmicrosoft.com").get();
        User selected = graph.users().byUserId("u-alice").get(rc -> rc.queryParameters.select = new String[] {"department", "displayName"});

        assertThat(byId.getUserPrincipalName()).isEqualTo("alice@contoso.onmicrosoft.com");
        assertThat(byUpn.getId()).isEqualTo("u-alice");
        assertThat(byId.getDepartment()).as("department is not a default property").isNull();
        assertThat(selected.getDepartment()).isEqualTo("Engineering");
        assertThat(selected.getUserPrincipalName()).isNull();
    }

    @Test
    void unknownUserIs404RequestResourceNotFound() {
        assertThatThrownBy(() -> graph.users().byUserId("u-nobody").get())
                .isInstanceOfSatisfying(ODataError.class, error(404, "Request_ResourceNotFound"));
    }

    @Test
    void listsUsersWithFilterAndPaging() {
        var sales = graph.users().get(rc -> rc.queryParameters.filter = "department eq 'Sales'");
        var firstPage = graph.users().get(rc -> rc.queryParameters.top = 2);
        var starts = graph.users().get(rc -> rc.queryParameters.filter = "startswith(displayName,'a') or userPrincipalName eq 'bob@contoso.onmicrosoft.com'");

        assertThat(sales.getValue()).extracting(User::getId).containsExactlyInAnyOrder("u-bob", "u-erin");
        assertThat(firstPage.getValue()).hasSize(2);
        assertThat(firstPage.getOdataNextLink()).contains("$skiptoken=");
        var second = graph.users().withUrl(firstPage.getOdataNextLink()).get();
        assertThat(second.getValue()).extracting(User::getId).doesNotContainAnyElementsOf(firstPage.getValue().stream().map(User::getId).toList());
        assertThat(starts.getValue()).extracting(User::getId).containsExactlyInAnyOrder("u-alice", "u-bob");
    }

    @Test
    void unsupportedQueryOptionIs501() {
        var r = f.raw("GET", "/users?$search=%22displayName:alice%22", f.token(Fixture.SYNC_APP, Fixture.SYNC_SECRET), null);

        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(Fixture.json(r).at("/error/code").asText()).isEqualTo("NotImplemented");
    }

    @Test
    void usersDeltaReturnsOnlyChangesAfterTheDeltaLink() {
        List<User> initial = new ArrayList<>();
        DeltaGetResponse page = graph.users().delta().get(rc -> rc.headers.add("Prefer", "odata.maxpagesize=3"));
        while (true) {
            initial.addAll(page.getValue());
            if (page.getOdataNextLink() == null) break;
            page = graph.users().delta().withUrl(page.getOdataNextLink()).get();
        }
        String deltaLink = page.getOdataDeltaLink();
        f.emulator.seed("""
                {"tenants":[{"id":"%s","users":[{"id":"u-frank","userPrincipalName":"frank@contoso.onmicrosoft.com","displayName":"Frank"}]}]}"""
                .formatted(Fixture.TENANT));

        DeltaGetResponse changes = graph.users().delta().withUrl(deltaLink).get();

        assertThat(initial).extracting(User::getId).contains("u-alice", "u-bob", "u-carol", "u-dave", "u-erin");
        assertThat(deltaLink).contains("$deltatoken=");
        assertThat(changes.getValue()).extracting(User::getId).containsExactly("u-frank");
    }

    @Test
    void addsAndRemovesGroupMembersByRef() {
        ReferenceCreate add = new ReferenceCreate();
        add.setOdataId(ref("u-bob"));

        graph.groups().byGroupId("g-eng").members().ref().post(add);
        List<String> after = graph.groups().byGroupId("g-eng").members().get().getValue().stream().map(DirectoryObject::getId).toList();
        graph.groups().byGroupId("g-eng").members().byDirectoryObjectId("u-bob").ref().delete();
        List<String> removed = graph.groups().byGroupId("g-eng").members().get().getValue().stream().map(DirectoryObject::getId).toList();

        assertThat(after).containsExactly("u-alice", "u-bob");
        assertThat(removed).containsExactly("u-alice");
    }

    @Test
    void addingAnExistingMemberFailsWithGraphsMessage() {
        ReferenceCreate add = new ReferenceCreate();
        add.setOdataId(ref("u-alice"));

        assertThatThrownBy(() -> graph.groups().byGroupId("g-eng").members().ref().post(add))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getCode()).isEqualTo("Request_BadRequest");
                    assertThat(e.getError().getMessage()).isEqualTo("One or more added object references already exist for the following modified properties: 'members'.");
                });
    }

    @Test
    void addingUnknownObjectIs404() {
        ReferenceCreate add = new ReferenceCreate();
        add.setOdataId(ref("u-ghost"));

        assertThatThrownBy(() -> graph.groups().byGroupId("g-eng").members().ref().post(add))
                .isInstanceOfSatisfying(ODataError.class, error(404, "Request_ResourceNotFound"));
    }

    @Test
    void mailEnabledSecurityGroupsAndDistributionListsAreReadOnly() {
        ReferenceCreate add = new ReferenceCreate();
        add.setOdataId(ref("u-carol"));

        for (String group : List.of("g-calsync", "g-all")) {
            assertThatThrownBy(() -> graph.groups().byGroupId(group).members().ref().post(add))
                    .isInstanceOfSatisfying(ODataError.class, e -> {
                        assertThat(e.getResponseStatusCode()).isEqualTo(400);
                        assertThat(e.getError().getCode()).isEqualTo("Request_BadRequest");
                        assertThat(e.getError().getMessage()).isEqualTo("Cannot Update a mail-enabled security groups and or distribution list.");
                    });
        }
        assertThat(graph.groups().byGroupId("g-calsync").members().get().getValue()).hasSize(2);
    }

    private static Group bind(String... ids) {
        Group g = new Group();
        HashMap<String, Object> extra = new HashMap<>();
        extra.put("members@odata.bind", List.of(ids).stream().map(DirectoryIT::ref).toList());
        g.setAdditionalData(extra);
        return g;
    }

    @Test
    void patchWithMembersBindAddsAllOrNothing() {
        graph.groups().byGroupId("g-eng").patch(bind("u-bob", "u-carol"));
        assertThat(graph.groups().byGroupId("g-eng").members().get().getValue()).extracting(DirectoryObject::getId)
                .containsExactly("u-alice", "u-bob", "u-carol");

        assertThatThrownBy(() -> graph.groups().byGroupId("g-eng").patch(bind("u-erin", "u-alice")))
                .isInstanceOfSatisfying(ODataError.class, error(400, "Request_BadRequest"));
        assertThat(graph.groups().byGroupId("g-eng").members().get().getValue()).extracting(DirectoryObject::getId)
                .as("u-erin must not be added when another reference fails").doesNotContain("u-erin");
    }

    @Test
    void patchWithMoreThanTwentyMembersIsRejected() {
        StringBuilder users = new StringBuilder();
        String[] ids = new String[21];
        for (int i = 0; i < 21; i++) {
            ids[i] = "u-bulk-" + i;
            users.append(i == 0 ? "" : ",").append("{\"id\":\"u-bulk-%d\",\"userPrincipalName\":\"bulk%d@contoso.onmicrosoft.com\"}".formatted(i, i));
        }
        f.emulator.seed("{\"tenants\":[{\"id\":\"%s\",\"users\":[%s]}]}".formatted(Fixture.TENANT, users));

        assertThatThrownBy(() -> graph.groups().byGroupId("g-eng").patch(bind(ids)))
                .isInstanceOfSatisfying(ODataError.class, error(400, "Request_BadRequest"));
        assertThat(graph.groups().byGroupId("g-eng").members().get().getValue()).hasSize(1);
    }

    @Test
    void administrativeUnitMembersAddAndRemoveByRef() {
        ReferenceCreate add = new ReferenceCreate();
        add.setOdataId("https://graph.microsoft.com/v1.0/users/u-erin");

        graph.directory().administrativeUnits().byAdministrativeUnitId("au-calsync").members().ref().post(add);
        var afterAdd = graph.directory().administrativeUnits().byAdministrativeUnitId("au-calsync").members().get().getValue();
        graph.directory().administrativeUnits().byAdministrativeUnitId("au-calsync").members().byDirectoryObjectId("u-erin").ref().delete();
        var afterRemove = graph.directory().administrativeUnits().byAdministrativeUnitId("au-calsync").members().get().getValue();

        assertThat(afterAdd).extracting(DirectoryObject::getId).containsExactly("u-carol", "u-erin");
        assertThat(afterAdd.get(1)).isInstanceOf(User.class);
        assertThat(afterRemove).extracting(DirectoryObject::getId).containsExactly("u-carol");
    }

    @Test
    void directoryWritesNeedAWritePermission() {
        GraphServiceClient readOnly = f.graph("00000000-0000-0000-0000-00000000a004", "rbac-secret");
        ReferenceCreate add = new ReferenceCreate();
        add.setOdataId(ref("u-bob"));

        assertThatThrownBy(() -> readOnly.groups().byGroupId("g-eng").members().ref().post(add))
                .isInstanceOfSatisfying(ODataError.class, error(403, "Authorization_RequestDenied"));
    }

    @Test
    void listsRoomsRoomListsAndRoomsOfAList() {
        List<Room> rooms = graph.places().graphRoom().get().getValue();
        List<RoomList> lists = graph.places().graphRoomList().get().getValue();
        List<Room> hq = graph.places().byPlaceId("hq@contoso.onmicrosoft.com").graphRoomList().rooms().get().getValue();

        assertThat(rooms).extracting(Room::getEmailAddress).contains("room-a@contoso.onmicrosoft.com", "room-manual@contoso.onmicrosoft.com");
        Room a = rooms.stream().filter(r -> r.getEmailAddress().startsWith("room-a")).findFirst().orElseThrow();
        assertThat(a.getCapacity()).isEqualTo(10);
        assertThat(a.getFloorNumber()).isEqualTo(2);
        assertThat(a.getIsWheelChairAccessible()).isTrue();
        assertThat(a.getTags()).containsExactly("quiet");
        assertThat(lists).extracting(RoomList::getEmailAddress).containsExactly("hq@contoso.onmicrosoft.com");
        assertThat(hq).extracting(Room::getDisplayName).containsExactly("Room A", "Room B");
    }

    @Test
    void filtersRoomsByCapacity() {
        List<Room> big = graph.places().graphRoom().get(rc -> rc.queryParameters.filter = "capacity ge 10").getValue();

        assertThat(big).extracting(Room::getDisplayName).containsExactlyInAnyOrder("Room A", "Manual room");
    }
}
